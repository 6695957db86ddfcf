// Memory snapshots of a started runtime, kept in this browser's Cache Storage (never sent
// anywhere): a later visit restores one instead of starting Python anew.
//
// Pyodide's snapshot options (_loadSnapshot, _makeSnapshot, makeMemorySnapshot) are
// private and undocumented; any release may change them. They are used only with the
// runtime version they were written and tested for. With any other version the checker
// starts the ordinary way (slower on later visits, never wrong): check them again, then
// change SNAPSHOT_RUNTIME. tests/test_page_scripts.py fails until then.

export const SNAPSHOT_RUNTIME = "314.0.7";
const CACHE = "ninteii-checker-snapshots";

// The one place that knows the private options; null when this runtime is not the one.
export function snapshotSupport(runtimeVersion) {
  if (runtimeVersion !== SNAPSHOT_RUNTIME) return null;
  return {
    // Pyodide keeps its options for the runtime's life, and only awaits this one: handed over
    // as a thenable that lets go of the bytes, the snapshot (about 30 MB) is not kept after
    // it was copied into the runtime's memory.
    restoreOptions: (bytes) => {
      let held = bytes;
      return { _loadSnapshot: { then: (done) => { const given = held; held = null; done(given); } } };
    },
    recordOptions: () => ({ _makeSnapshot: true }),
    take: (pyodide) => pyodide.makeMemorySnapshot(),
  };
}

// A snapshot depends on the runtime and on our package, both named by content.
// A snapshot belongs to the runtime, its standard library and our package, all named by content.
export const snapshotKey = (base, stdlib, packageUrl) =>
  `${packageUrl}?snapshot-of=${encodeURIComponent(base)}&stdlib=${encodeURIComponent(stdlib)}`;

const storable = () => Boolean(self.caches) && typeof CompressionStream === "function"
  && typeof DecompressionStream === "function";

export async function readSnapshot(key) {
  if (!storable()) return null;
  try {
    const response = await (await caches.open(CACHE)).match(key);
    if (!response) return null;
    const plain = response.body.pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(plain).arrayBuffer());
  } catch (error) {
    return null;
  }
}

export async function hasSnapshot(key) {
  return storable() && Boolean(await (await caches.open(CACHE)).match(key));
}

export async function saveSnapshot(key, bytes) {
  const cache = await caches.open(CACHE);
  const packed = new Blob([bytes]).stream().pipeThrough(new CompressionStream("gzip"));
  for (const old of await cache.keys()) await cache.delete(old);   // keep only the current one
  await cache.put(key, new Response(packed, { headers: { "Content-Type": "application/octet-stream" } }));
}

// A stale or broken one: throw it away and start afresh.
export const dropSnapshots = () => (self.caches ? caches.delete(CACHE).catch(() => null) : null);
