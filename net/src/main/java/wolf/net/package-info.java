/** Wolf net module. */
package wolf.net;
