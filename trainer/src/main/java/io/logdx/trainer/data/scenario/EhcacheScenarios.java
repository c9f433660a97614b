package io.logdx.trainer.data.scenario;

import static io.logdx.trainer.data.Ctx.fail;
import static io.logdx.trainer.data.Scenario.cheap;
import static io.logdx.trainer.data.Scenario.costly;

import io.logdx.trainer.data.Ctx;
import io.logdx.trainer.data.Scenario;
import java.io.File;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.cache.Caching;
import javax.cache.configuration.MutableConfiguration;
import javax.cache.spi.CachingProvider;
import org.ehcache.Cache;
import org.ehcache.CacheManager;
import org.ehcache.config.builders.CacheConfigurationBuilder;
import org.ehcache.config.builders.CacheManagerBuilder;
import org.ehcache.config.builders.ResourcePoolsBuilder;
import org.ehcache.config.units.EntryUnit;
import org.ehcache.config.units.MemoryUnit;

/**
 * Ehcache 3 failing in its own checks: caches used after their manager closed or before it was initialised, keys and
 * values of another type than the cache was built for, null keys and values, resource pools configured against the
 * tiering rules, disk persistence without a usable directory, a persistence directory locked by another manager
 * and JCache (JSR-107) caches used after close.
 */
final class EhcacheScenarios {
  private EhcacheScenarios() {}

  static String alias(Ctx c) {
    return c.s.pick("accounts", "fxRates", "sessions", "customerProfiles", "transferLimits", "productCatalog", "tokenCache",
        "exchangeQuotes", "branchDirectory", "idempotencyKeys");
  }

  static CacheConfigurationBuilder<Long, String> longToString(long entries) {
    return CacheConfigurationBuilder.newCacheConfigurationBuilder(Long.class, String.class, ResourcePoolsBuilder.heap(entries));
  }

  /** Shows the generator's temp directory as an application cache directory. */
  static File dir(Ctx c, String name) throws Exception {
    Path base = Files.createDirectories(c.res.tempDir().resolve("ehcache"));
    c.text(base.toString(), c.s.pick("/var/cache/ledger", "/opt/app/cache", "/data/ehcache", "/tmp/ehcache", "/app/work/cache"));
    return base.resolve(name).toFile();
  }

  static List<Scenario> all() {
    List<Scenario> l = new ArrayList<>();
    l.add(costly("illegal_state", "ehcache.state-uninitialized", 3, c -> {
      String alias = alias(c);
      int kind = c.rnd.nextInt(3);
      if (kind == 2) {
        // built without init(): build(false)
        CacheManager cm = CacheManagerBuilder.newCacheManagerBuilder().build(false);
        return fail(() -> cm.createCache(alias, longToString(100)));
      }
      CacheManager cm = CacheManagerBuilder.newCacheManagerBuilder().withCache(alias, longToString(c.s.pick(100, 1000, 10_000)))
          .build(true);
      Cache<Long, String> cache = cm.getCache(alias, Long.class, String.class);
      cm.close();
      return fail(() -> {
        if (kind == 0) c.use(cache.get(c.s.id()));
        else c.use(cm.getCache(alias, Long.class, String.class));
      });
    }));
    l.add(costly("class_cast", "ehcache.invalid-type", 3, c -> {
      String alias = alias(c);
      try (CacheManager cm = CacheManagerBuilder.newCacheManagerBuilder().withCache(alias, longToString(500)).build(true)) {
        @SuppressWarnings({"rawtypes", "unchecked"})
        Cache<Object, Object> raw = (Cache) cm.getCache(alias, Long.class, String.class);
        return fail(() -> {
          switch (c.rnd.nextInt(3)) {
            // a key built as text where the cache was configured for ids, or a value object where it holds JSON
            case 0 -> raw.put(c.s.accountNo(), "{\"balance\":" + c.s.amount() + "}");
            case 1 -> raw.put(c.s.id(), new BigDecimal(c.s.amount()));
            default -> c.use(cm.getCache(alias, String.class, String.class));
          }
        });
      }
    }));
    l.add(Scenario.lessOften(costly("null_reference", "ehcache.null-key", 2, c -> {
      String alias = alias(c);
      try (CacheManager cm = CacheManagerBuilder.newCacheManagerBuilder().withCache(alias, longToString(500)).build(true)) {
        Cache<Long, String> cache = cm.getCache(alias, Long.class, String.class);
        Long missingId = null;
        String missingValue = null;
        return fail(() -> {
          switch (c.rnd.nextInt(3)) {
            case 0 -> cache.put(missingId, "{}");
            case 1 -> cache.put(c.s.id(), missingValue);
            default -> c.use(cache.get(missingId));
          }
        });
      }
    })));
    l.add(cheap("configuration_error", "ehcache.resource-pools", c -> fail(() -> {
      // sizes read from application properties, against Ehcache's tiering rules
      int heap = c.s.pick(16, 32, 64, 128);
      switch (c.rnd.nextInt(4)) {
        case 0 -> c.use(ResourcePoolsBuilder.newResourcePoolsBuilder().heap(heap, MemoryUnit.MB).offheap(heap / c.s.pick(2, 4), MemoryUnit.MB)
            .build());
        case 1 -> c.use(ResourcePoolsBuilder.newResourcePoolsBuilder().heap(c.s.pick(1000, 5000), EntryUnit.ENTRIES)
            .offheap(heap, MemoryUnit.MB).disk(heap / 2, MemoryUnit.MB).build());
        case 2 -> c.use(ResourcePoolsBuilder.heap(0));
        default -> c.use(ResourcePoolsBuilder.newResourcePoolsBuilder().heap(heap, MemoryUnit.MB).offheap(heap, MemoryUnit.MB).build());
      }
    })));
    l.add(costly("configuration_error", "ehcache.persistence-config", 3, c -> {
      String alias = alias(c);
      CacheConfigurationBuilder<Long, String> disk = CacheConfigurationBuilder.newCacheConfigurationBuilder(Long.class, String.class,
          ResourcePoolsBuilder.newResourcePoolsBuilder().heap(100, EntryUnit.ENTRIES).disk(c.s.pick(10, 50, 100), MemoryUnit.MB,
              c.s.chance(0.5)));
      return switch (c.rnd.nextInt(3)) {
        // a disk tier with no persistence directory configured on the manager
        case 0 -> fail(() -> CacheManagerBuilder.newCacheManagerBuilder().withCache(alias, disk).build(true).close());
        // the configured directory is a file
        case 1 -> {
          File f = dir(c, c.s.pick("cache-data", "ehcache.dat", "persistence"));
          if (!f.exists()) Files.createFile(f.toPath());
          yield fail(() -> CacheManagerBuilder.newCacheManagerBuilder().with(CacheManagerBuilder.persistence(f)).withCache(alias, disk)
              .build(true).close());
        }
        // an off-heap tier for a value type with no serializer
        default -> fail(() -> CacheManagerBuilder.newCacheManagerBuilder().withCache(alias,
            CacheConfigurationBuilder.newCacheConfigurationBuilder(String.class, Object.class, ResourcePoolsBuilder.newResourcePoolsBuilder()
                .heap(100, EntryUnit.ENTRIES).offheap(1, MemoryUnit.MB))).build(true).close());
      };
    }));
    l.add(Scenario.lessOften(costly("illegal_state", "ehcache.persistence-locked", 2, c -> {
      // a second manager (a second application context in the same JVM) on the same persistence directory
      File d = dir(c, "store-" + c.s.between(1, 9));
      String alias = alias(c);
      CacheConfigurationBuilder<Long, String> disk = CacheConfigurationBuilder.newCacheConfigurationBuilder(Long.class, String.class,
          ResourcePoolsBuilder.newResourcePoolsBuilder().heap(100, EntryUnit.ENTRIES).disk(10, MemoryUnit.MB, true));
      try (CacheManager first = CacheManagerBuilder.newCacheManagerBuilder().with(CacheManagerBuilder.persistence(d)).withCache(alias, disk)
          .build(true)) {
        c.use(first);
        return fail(() -> CacheManagerBuilder.newCacheManagerBuilder().with(CacheManagerBuilder.persistence(d)).withCache(alias, disk)
            .build(true).close());
      }
    })));
    l.add(costly("resource_closed", "ehcache.jcache-closed", 2, c -> {
      CachingProvider provider = Caching.getCachingProvider("org.ehcache.jsr107.EhcacheCachingProvider");
      // the provider's default manager (a fresh one after the last was closed)
      javax.cache.CacheManager cm = provider.getCacheManager();
      String alias = alias(c);
      javax.cache.Cache<String, String> cache = cm.createCache(alias, new MutableConfiguration<String, String>()
          .setTypes(String.class, String.class));
      if (c.s.chance(0.5)) {
        cache.close();
        cm.close();
        return fail(() -> c.use(cache.get(c.s.userId())));
      }
      cm.close();
      return fail(() -> c.use(cm.getCache(alias, String.class, String.class)));
    }));
    l.add(Scenario.lessOften(costly("illegal_argument", "ehcache.cache-exists", 2, c -> {
      String alias = alias(c);
      try (CacheManager cm = CacheManagerBuilder.newCacheManagerBuilder().withCache(alias, longToString(100)).build(true)) {
        return fail(() -> cm.createCache(alias, longToString(c.s.pick(100, 500))));
      }
    })));
    return l;
  }
}
