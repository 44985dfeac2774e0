/**
 * The one settings model: each option declared once in {@link io.github.todo.settings.Options}
 * (key, type, default, help, unit), and {@link io.github.todo.settings.Settings}, which reads them
 * from flags, environment variables, system properties, servlet parameters or a properties file.
 */
package io.github.todo.settings;
