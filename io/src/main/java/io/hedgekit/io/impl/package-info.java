/**
 * Private to the io module: CSV tokenizing and quoting, strict number parsing and the row sources
 * behind {@link io.hedgekit.io.book.BookReader}. Public only so sibling packages can use them;
 * other modules must not import this package.
 */
package io.hedgekit.io.impl;
