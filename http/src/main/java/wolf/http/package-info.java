/** Wolf http module. */
package wolf.http;
