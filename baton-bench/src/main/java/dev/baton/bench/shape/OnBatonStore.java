package dev.baton.bench.shape;

import dev.baton.spi.StoreContext;
import dev.baton.spi.StoreProviders;
import dev.baton.spi.TaskStore;
import java.time.InstantSource;

/**
 * A Baton contender: every phase of a run shares one store opened on the backend URL, cleared first
 * when the run asks for it.
 */
abstract class OnBatonStore extends InProcess {
  final String backend;
  TaskStore store;

  OnBatonStore(String backend) {
    this.backend = backend;
  }

  @Override
  void setUp(ShapeOptions options) {
    store = StoreProviders.open(backend, new StoreContext(InstantSource.system()));
    if (options.clear()) {
      // A run's succeeded tasks are kept (retention): without this, each run meets the last one's.
      store.clear();
    }
  }

  @Override
  void tearDown() {
    store.close();
  }
}
