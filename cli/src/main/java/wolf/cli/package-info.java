/** Wolf cli module. */
package wolf.cli;
