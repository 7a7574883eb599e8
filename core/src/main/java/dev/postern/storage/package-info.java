/** The choice of storage backend: {@link dev.postern.storage.Stores}, every store of one backend. */
package dev.postern.storage;
