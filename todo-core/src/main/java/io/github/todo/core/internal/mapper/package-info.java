/**
 * MyBatis mappers; each interface has its SQL in the XML file of the same name beside it.
 */
package io.github.todo.core.internal.mapper;
