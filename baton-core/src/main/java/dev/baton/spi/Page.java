package dev.baton.spi;

import java.util.List;

/**
 * One page of a listing.
 *
 * @param items the items on this page
 * @param total how many items match the query in all
 * @param offset the offset of the first item
 * @param <T> the item type
 */
public record Page<T>(List<T> items, long total, int offset) {
  /** Copies the item list. */
  public Page {
    items = List.copyOf(items);
  }
}
