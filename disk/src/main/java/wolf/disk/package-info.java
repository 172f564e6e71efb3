/** Wolf disk module. */
package wolf.disk;
