package io.github.flare4j.provider;

import java.nio.file.Path;

/**
 * A provider that keeps the headers and cookies it obtained in an auth file and reuses them (the
 * seed's {@code AuthFileMixin}). The file is {@code <cache dir>/auth_<ProviderName>.json}; see
 * {@link CacheDirectory} for where the cache folder is.
 *
 * <p>Implementations keep the file through a {@link FileCredentialStore} (atomic, locked,
 * owner-only) keyed by {@link #providerName()}, and delete it when the service refuses the
 * credentials in it. A provider given another {@link CredentialStore} keeps its credentials
 * there instead, and this file is not used.
 */
public interface AuthFileMixin {

  /** The provider's class-like name used in the file name, e.g. {@code "Cloudflare"}. */
  String providerName();

  /** The folder that holds the auth files. */
  Path cacheDirectory();

  /** {@code <cache dir>/auth_<ProviderName>.json}. */
  default Path getCacheFile() {
    return cacheDirectory().resolve("auth_" + providerName() + ".json");
  }
}
