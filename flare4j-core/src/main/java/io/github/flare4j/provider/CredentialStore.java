package io.github.flare4j.provider;

import io.github.flare4j.spi.SessionArgs;
import io.github.flare4j.spi.StoredCredentials;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where providers keep the credentials they obtained ({@link StoredCredentials}: headers, cookies
 * and their expiry, the transport that worked) between calls and between processes. Entries are
 * keyed by the provider's name ({@link io.github.flare4j.cloudflare.Cloudflare#providerName()}, e.g. {@code "Cloudflare"}),
 * so one store serves several providers. The default is {@link FileCredentialStore}, one auth file
 * per provider in the cache folder; a store shared by several hosts can implement this same
 * interface.
 *
 * <p>What an implementation must guarantee:
 *
 * <ul>
 *   <li><b>Atomic.</b> A {@link #load} sees either the entry as a {@link #save} left it, or the
 *       one before it, never a mixture or part of one, even when the writer dies half way.
 *   <li><b>Safe to share.</b> Every method may be called from any thread, and by several processes
 *       (for a shared store, several hosts) on the same entries at once. {@link #update} is a
 *       read-modify-write that no other writer interleaves with.
 *   <li><b>Forgiving on read.</b> Data that cannot be read or parsed (a corrupt file, a foreign
 *       format) loads as empty, as if nothing were kept, and is replaced by the next save; it is
 *       reported without its content and without repeating itself on every read. Load never
 *       throws for bad data.
 *   <li><b>Secret.</b> Cookie values never appear in logs, messages or {@code toString()}, and what
 *       is kept is readable by its owner only.
 * </ul>
 *
 * <p>Stores return what was saved; dropping expired cookies is the provider's business
 * ({@link SessionArgs#withoutExpired}).
 */
public interface CredentialStore {

  /**
   * The credentials kept under {@code key}; empty when there are none, or when what is kept cannot
   * be read or parsed.
   *
   * @throws IllegalArgumentException when {@code key} is not a valid key for this store
   */
  Optional<StoredCredentials> load(String key);

  /**
   * Replaces what is kept under {@code key} with {@code credentials}, atomically.
   *
   * @throws java.io.UncheckedIOException when they cannot be written; what was kept before is
   *     then still there, whole
   * @throws IllegalArgumentException when {@code key} is not a valid key for this store
   */
  void save(String key, StoredCredentials credentials);

  /**
   * Removes what is kept under {@code key}, if anything. Never throws for a missing entry; a
   * failure to delete is logged.
   *
   * @throws IllegalArgumentException when {@code key} is not a valid key for this store
   */
  void delete(String key);

  /**
   * Reads what is kept under {@code key}, applies {@code change} and keeps its result (empty
   * deletes the entry), with no other save, delete or update on the key in between, from this
   * process or another. {@code change} gets empty for a missing or unreadable entry, should be
   * quick and must not call back into the store.
   *
   * @return what is kept afterwards
   * @throws java.io.UncheckedIOException when the result cannot be written
   * @throws IllegalArgumentException when {@code key} is not a valid key for this store
   */
  Optional<StoredCredentials> update(
      String key, UnaryOperator<Optional<StoredCredentials>> change);
}
