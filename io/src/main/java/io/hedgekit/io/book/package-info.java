/**
 * Books of positions: {@link io.hedgekit.io.book.BookReader} streams and validates CSV or Arrow
 * book files into {@link io.hedgekit.io.book.BookBatch}es of canonical Arrow columns;
 * {@link io.hedgekit.io.book.BookWriter} writes them back; {@link io.hedgekit.io.book.DeribitSymbol}
 * parses Deribit instrument names.
 */
package io.hedgekit.io.book;
