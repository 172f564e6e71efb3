/** Wolf scale module. */
package wolf.scale;
