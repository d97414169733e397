// The BullMQ peer of Baton's single-task benchmark shape: one awaited queue.add per task, one
// Worker with --workers concurrency, no-op jobs. Prints one JSON line on stdout; progress and the
// one-line failure message go to stderr. Run: node bench.mjs --redis redis://127.0.0.1:56379 ...
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';

const FLAGS = {
  redis: { text: true },
  prefix: { text: true },
  tasks: { min: 1, default: 20000 },
  workers: { min: 1, default: 10 },
  producers: { min: 1, default: 32 },
  'idle-tasks': { min: 1, default: 2000 },
  'idle-rate': { min: 1, default: 200 },
  'idle-warmup': { min: 0, default: 200 },
  burst: { min: 1, default: 10000 },
  'warmup-ms': { min: 0, default: 20000 },
  'lead-ms': { min: 0, default: 3000 },
  'timeout-ms': { min: 1, default: 600000 },
};

class Failure extends Error {}

function parseOptions(argv) {
  let values;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: 'string' }])),
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (e) {
    throw new Failure(`${e.message}; flags: ${Object.keys(FLAGS).map((f) => '--' + f).join(' ')}`);
  }
  const options = {};
  for (const [flag, spec] of Object.entries(FLAGS)) {
    const raw = values[flag];
    if (spec.text) {
      options[flag] = raw;
      continue;
    }
    if (raw === undefined) {
      options[flag] = spec.default;
      continue;
    }
    const value = /^\d+$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isSafeInteger(value) || value < spec.min) {
      throw new Failure(`--${flag} must be an integer >= ${spec.min}, got '${raw}'`);
    }
    options[flag] = value;
  }
  if (!options.redis || !/^rediss?:\/\/\S+$/.test(options.redis)) {
    throw new Failure(`--redis must be a redis:// or rediss:// URL, got '${options.redis ?? ''}'`);
  }
  // The prefix ends up in Redis keys and in a SCAN pattern, so glob and separator characters are out.
  options.prefix ??= `bench-${process.pid.toString(36)}${Date.now().toString(36)}`;
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(options.prefix)) {
    throw new Failure(`--prefix must be 1-64 of [A-Za-z0-9_.-], got '${options.prefix}'`);
  }
  if (options['idle-warmup'] >= options['idle-tasks']) {
    throw new Failure(`--idle-warmup must be below --idle-tasks (${options['idle-tasks']}), got '${options['idle-warmup']}'`);
  }
  return options;
}

const round = (x, digits) => Number(x.toFixed(digits));
const rate = (count, ms) => round((count * 1000) / ms, 1);
const progress = (line) => process.stderr.write(`bullmq: ${line}\n`);

// Nearest rank: the smallest sample with at least p % of the samples at or below it.
function percentile(sorted, p) {
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return round(sorted[rank - 1], 3);
}

function summary(samples) {
  const sorted = Float64Array.from(samples).sort();
  return {
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: round(sorted[sorted.length - 1], 3),
    count: sorted.length,
  };
}

async function main() {
  const options = parseOptions(process.argv.slice(2));
  const { redis: url, prefix, tasks, workers, producers } = options;
  const timeoutMs = options['timeout-ms'];

  let Queue, Worker, Redis, version;
  try {
    ({ Queue, Worker } = await import('bullmq'));
    ({ Redis } = await import('ioredis'));
    version = createRequire(import.meta.url)('bullmq/package.json').version;
  } catch (e) {
    throw new Failure(`cannot load bullmq/ioredis (${e.code ?? e.message}); run ./scripts/peers install`);
  }

  // Any error event, signal or timeout ends the phase that is running (the phases race against
  // `failed`) and stops the producer loops, so nothing adds to a queue while it is obliterated.
  let aborted = false;
  let reject;
  const failed = new Promise((_, r) => { reject = r; });
  failed.catch(() => {});
  const fail = (e) => {
    aborted = true;
    reject(e);
  };
  const onError = (what) => (e) => fail(new Failure(`${what}: ${e?.message ?? e}`));
  for (const signal of ['SIGINT', 'SIGTERM']) {
    process.once(signal, () => fail(new Failure(`stopped by ${signal}`)));
  }

  // Producers of every phase share one connection, as the one Queue of an application would.
  const producerConnection = new Redis(url, { lazyConnect: true });
  producerConnection.on('error', () => {}); // failed commands surface through their own promises
  const queues = new Map();
  const workerConnections = new Set();
  const running = new Set();

  async function cleanUp() {
    await Promise.allSettled([...running].map((worker) => worker.close(true)));
    for (const [name, queue] of queues) {
      try {
        await queue.obliterate({ force: true });
        await queue.close();
        queues.delete(name);
      } catch (e) {
        progress(`could not obliterate queue ${name}: ${e.message}`);
      }
    }
    await Promise.allSettled([...workerConnections].map((c) => c.quit()));
    await producerConnection.quit().catch(() => producerConnection.disconnect());
  }

  async function within(phase, body) {
    const timer = setTimeout(() => fail(new Failure(`phase ${phase} exceeded --timeout-ms ${timeoutMs}`)), timeoutMs);
    progress(`${phase}...`);
    const work = body();
    try {
      const result = await Promise.race([work, failed]);
      progress(`${phase}: ${JSON.stringify(result)}`);
      return result;
    } catch (e) {
      fail(e);
      // Let adds already in flight land before the clean-up obliterates their queue.
      await Promise.race([work.catch(() => {}), sleep(10000)]);
      throw e;
    } finally {
      clearTimeout(timer);
    }
  }

  function openQueue(phase) {
    const name = `${prefix}-${phase}`;
    const queue = new Queue(name, { connection: producerConnection });
    queue.on('error', onError(`queue ${name}`));
    queues.set(name, queue);
    return queue;
  }

  // One Worker on its own connection (BullMQ duplicates it for its blocking reads). The no-op job
  // only stamps its start; `expected` completed events resolve `done` with the instant of the last.
  function startWorker(queue, expected, onStart) {
    const connection = new Redis(url, { maxRetriesPerRequest: null });
    connection.on('error', () => {});
    workerConnections.add(connection);
    const worker = new Worker(queue.name, async (job) => {
      const start = performance.now();
      onStart(job.data, start);
    }, { connection, concurrency: workers });
    running.add(worker);
    let completed = 0;
    const done = new Promise((resolve, reject) => {
      worker.on('completed', () => {
        if (++completed === expected) resolve(performance.now());
      });
      worker.on('failed', (job, e) => reject(new Failure(`job ${job?.id} failed: ${e?.message}`)));
      worker.on('error', (e) => reject(new Failure(`worker: ${e?.message ?? e}`)));
    });
    done.catch(() => {});
    const stop = async () => {
      await worker.close();
      running.delete(worker);
      await connection.quit();
      workerConnections.delete(connection);
    };
    return { worker, done, stop };
  }

  // `loops` concurrent producers, each awaiting its own add before its next; `jobOptions` is
  // evaluated just before each add, so a delay computed there is fresh per job.
  async function produce(queue, count, loops, jobOptions = () => undefined) {
    let next = 0;
    const loop = async () => {
      while (!aborted && next < count) {
        const n = next++;
        const opts = jobOptions();
        await queue.add('task', { n, stamp: performance.now() }, opts);
      }
    };
    await Promise.all(Array.from({ length: Math.min(loops, count) }, loop));
  }

  async function retire(queue) {
    await queue.obliterate({ force: true });
    await queue.close();
    queues.delete(queue.name);
  }

  async function existingKeys() {
    let cursor = '0';
    do {
      const [next, keys] = await producerConnection.scan(cursor, 'MATCH', `bull:${prefix}-*`, 'COUNT', 1000);
      if (keys.length > 0) return keys[0];
      cursor = next;
    } while (cursor !== '0');
    return null;
  }

  async function phases() {
    const redisVersion = await within('connect', async () => {
      try {
        await producerConnection.connect();
      } catch (e) {
        throw new Failure(`cannot reach Redis at ${url}: ${e.message}`);
      }
      const clash = await existingKeys();
      if (clash) throw new Failure(`--prefix ${prefix} is in use (key ${clash}); pick another prefix`);
      return /redis_version:(\S+)/.exec(await producerConnection.info('server'))?.[1] ?? 'unknown';
    });

    const result = {
      peer: 'bullmq',
      version,
      node: process.version,
      redis: redisVersion,
      settings: `one Worker, concurrency ${workers}, on its own ioredis connection (plus the blocking one BullMQ duplicates);`
        + ` one Queue on one ioredis connection shared by the producer loops; default job options:`
        + ` completed jobs kept (removeOnComplete unset), attempts 1; burst added by ${producers} producer loops`,
      tasks,
    };

    // The Java contenders' warm-up: rounds of a fifth of --tasks (at most 5,000) added one by one
    // and drained, until --warmup-ms has passed, so that no timed phase pays for V8's compilers or
    // the connections.
    await within('warm-up', async () => {
      const count = Math.max(1, Math.min(Math.floor(tasks / 5), 5000));
      const end = performance.now() + options['warmup-ms'];
      do {
        const queue = openQueue('warmup');
        await produce(queue, count, 1);
        const { done, stop } = startWorker(queue, count, () => {});
        await Promise.race([done, failed]);
        await stop();
        await retire(queue);
      } while (performance.now() < end);
    });

    // enqueue1 and drain share a queue: drain empties what enqueue1 filled.
    const backlog = openQueue('enqueue1');
    result.enqueue1 = await within('enqueue1', async () => {
      const t0 = performance.now();
      await produce(backlog, tasks, 1);
      return rate(tasks, performance.now() - t0);
    });
    result.drain = await within('drain', async () => {
      const t0 = performance.now();
      const { done, stop } = startWorker(backlog, tasks, () => {});
      const t1 = await Promise.race([done, failed]);
      await stop();
      await retire(backlog);
      return rate(tasks, t1 - t0);
    });

    result.enqueue32 = await within('enqueue32', async () => {
      const queue = openQueue('enqueue32');
      const t0 = performance.now();
      await produce(queue, tasks, producers);
      const jobsPerSecond = rate(tasks, performance.now() - t0);
      await retire(queue);
      return jobsPerSecond;
    });

    // A worker already waiting, then producers: end-to-end rate and enqueue-to-start latency.
    async function live(phase, loops) {
      const queue = openQueue(phase);
      const latencies = new Float64Array(tasks);
      const { worker, done, stop } = startWorker(queue, tasks, (data, start) => {
        latencies[data.n] = start - data.stamp;
      });
      await worker.waitUntilReady();
      const t0 = performance.now();
      await produce(queue, tasks, loops);
      const t1 = await Promise.race([done, failed]);
      await stop();
      await retire(queue);
      const { p50, p99, max } = summary(latencies);
      return { rate: rate(tasks, t1 - t0), latency: { p50, p99, max } };
    }
    const live1 = await within('live1', () => live('live1', 1));
    result.live1 = live1.rate;
    result.live1Latency = live1.latency;
    result.live32 = (await within('live32', () => live('live32', producers))).rate;

    result.idle = await within('idle', async () => {
      const count = options['idle-tasks'];
      const warmup = options['idle-warmup'];
      const interval = 1000 / options['idle-rate'];
      const queue = openQueue('idle');
      const latencies = new Float64Array(count);
      const { worker, done, stop } = startWorker(queue, count, (data, start) => {
        latencies[data.n] = start - data.stamp;
      });
      await worker.waitUntilReady();
      // Open loop: job i goes out at t0 + i/rate whether or not earlier adds have returned.
      const adds = [];
      const t0 = performance.now();
      for (let n = 0; n < count && !aborted; n++) {
        const wait = t0 + n * interval - performance.now();
        if (wait > 0) await sleep(wait);
        adds.push(queue.add('task', { n, stamp: performance.now() }));
      }
      await Promise.all(adds);
      await Promise.race([done, failed]);
      await stop();
      await retire(queue);
      return summary(latencies.subarray(warmup));
    });

    result.burst = await within('burst', async () => {
      const count = options.burst;
      const queue = openQueue('burst');
      const lateness = new Float64Array(count);
      let due;
      const { worker, done, stop } = startWorker(queue, count, (data, start) => {
        lateness[data.n] = performance.timeOrigin + start - due;
      });
      await worker.waitUntilReady();
      due = Date.now() + options['lead-ms'];
      await produce(queue, count, producers, () => ({ delay: Math.max(0, due - Date.now()) }));
      const enqueuedBeforeDueMs = round(due - Date.now(), 1);
      await Promise.race([done, failed]);
      await stop();
      await retire(queue);
      const sorted = Float64Array.from(lateness).sort();
      return {
        first: round(sorted[0], 3),
        p50: percentile(sorted, 50),
        p99: percentile(sorted, 99),
        last: round(sorted[count - 1], 3),
        count,
        early: sorted.filter((x) => x < 0).length,
        enqueuedBeforeDueMs,
      };
    });
    return result;
  }

  try {
    return await phases();
  } finally {
    // Bounded: a dead server must not keep the process alive past the clean-up.
    const guard = setTimeout(() => {
      progress('clean-up did not finish within 60 s; queues may remain under bull:' + prefix + '-*');
      process.exit(1);
    }, 60000);
    await cleanUp();
    clearTimeout(guard);
  }
}

main().then(
  (result) => process.stdout.write(JSON.stringify(result) + '\n', () => process.exit(0)),
  (e) => {
    const message = e instanceof Failure ? e.message : (e?.stack ?? String(e)).split('\n')[0];
    process.stderr.write(`bullmq: ${message}\n`, () => process.exit(1));
  },
);
