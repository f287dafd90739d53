// ES2025 `Set` methods for Node 20, for the benchmark only: eslint-plugin-unicorn 80 declares Node >= 22.13 and calls
// `Set.prototype.union` and friends. Import this module BEFORE eslint-plugin-unicorn. The plugin itself never needs it.
// Follows the spec's shape: `other` is set-like (`size`, `has`, `keys`); results are plain `Set`s; existing (native)
// methods are left alone.

function setRecord(other) {
  if (other === null || typeof other !== 'object') throw new TypeError('The argument must be a set-like object.');
  const size = Number(other.size);
  if (Number.isNaN(size)) throw new TypeError('The argument must have a numeric `size`.');
  if (typeof other.has !== 'function' || typeof other.keys !== 'function') {
    throw new TypeError('The argument must have `has` and `keys` methods.');
  }
  return { size, has: (value) => other.has(value), keys: () => other.keys() };
}

function* keysOf(record) {
  const iterator = record.keys();
  for (let step = iterator.next(); !step.done; step = iterator.next()) yield step.value;
}

const methods = {
  union(other) {
    const record = setRecord(other);
    const result = new Set(this);
    for (const value of keysOf(record)) result.add(value);
    return result;
  },
  intersection(other) {
    const record = setRecord(other);
    const result = new Set();
    if (this.size <= record.size) {
      for (const value of this) if (record.has(value)) result.add(value);
    } else {
      for (const value of keysOf(record)) if (this.has(value)) result.add(value);
    }
    return result;
  },
  difference(other) {
    const record = setRecord(other);
    const result = new Set(this);
    if (this.size <= record.size) {
      for (const value of this) if (record.has(value)) result.delete(value);
    } else {
      for (const value of keysOf(record)) result.delete(value);
    }
    return result;
  },
  symmetricDifference(other) {
    const record = setRecord(other);
    const result = new Set(this);
    for (const value of keysOf(record)) {
      if (this.has(value)) result.delete(value);
      else result.add(value);
    }
    return result;
  },
  isSubsetOf(other) {
    const record = setRecord(other);
    if (this.size > record.size) return false;
    for (const value of this) if (!record.has(value)) return false;
    return true;
  },
  isSupersetOf(other) {
    const record = setRecord(other);
    if (this.size < record.size) return false;
    for (const value of keysOf(record)) if (!this.has(value)) return false;
    return true;
  },
  isDisjointFrom(other) {
    const record = setRecord(other);
    if (this.size <= record.size) {
      for (const value of this) if (record.has(value)) return false;
    } else {
      for (const value of keysOf(record)) if (this.has(value)) return false;
    }
    return true;
  },
};

/** Names of the methods this module added (empty on Node >= 22, where they are native). */
export const polyfilled = [];
for (const [name, method] of Object.entries(methods)) {
  if (typeof Set.prototype[name] === 'function') continue;
  Object.defineProperty(Set.prototype, name, { value: method, writable: true, configurable: true, enumerable: false });
  polyfilled.push(name);
}
