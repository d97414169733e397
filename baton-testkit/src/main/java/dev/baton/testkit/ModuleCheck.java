package dev.baton.testkit;

import java.io.File;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Checks a Baton module's {@code module-info} from a test that runs on the class path: reads the
 * compiled descriptor, and resolves the module the way {@code java --module-path} would, so that a
 * descriptor that names a missing module, loses a provider or splits a package fails the build.
 *
 * <pre>{@code
 * assertThat(ModuleCheck.descriptor(SqliteStoreProvider.class).exports()) ...
 * ModuleLayer layer = ModuleCheck.layer("dev.baton.jdbc");
 * assertThat(ModuleCheck.providers(layer, "dev.baton.spi.StoreProvider")).contains(...);
 * }</pre>
 */
public final class ModuleCheck {
  private ModuleCheck() {}

  /**
   * The descriptor of the module whose classes folder or jar holds a class.
   *
   * @param member any class of the module
   * @return the compiled descriptor
   * @throws AssertionError if the class's folder or jar has no {@code module-info.class}
   * @throws IllegalStateException if the class has no location on disk
   */
  public static ModuleDescriptor descriptor(Class<?> member) {
    Path location;
    try {
      location = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException | NullPointerException e) {
      throw new IllegalStateException("no location for " + member.getName(), e);
    }
    ModuleDescriptor descriptor =
        ModuleFinder.of(location).findAll().stream()
            .map(ModuleReference::descriptor)
            .findFirst()
            .orElseThrow(() -> new AssertionError("no module in " + location));
    if (descriptor.isAutomatic()) {
      throw new AssertionError(location + " has no module-info.class");
    }
    return descriptor;
  }

  /**
   * Resolves a module, with service binding, from the test's class path taken as a module path, and
   * defines it in a new layer over the boot layer. The class path's test folders, test jars and
   * other folders without a descriptor are left out: they are not modules.
   *
   * @param root the module to resolve, e.g. {@code dev.baton.jdbc}
   * @return the layer holding the module and everything it needs
   * @throws java.lang.module.FindException if a required module is missing or found twice
   * @throws java.lang.module.ResolutionException if the graph is inconsistent, e.g. two modules
   *     that one module reads hold the same package
   * @throws LayerInstantiationException if the layer cannot be defined
   */
  public static ModuleLayer layer(String root) {
    List<Path> path = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path p = Path.of(entry);
      boolean jar = entry.endsWith(".jar") && !entry.endsWith("-tests.jar");
      if (jar || Files.isRegularFile(p.resolve("module-info.class"))) {
        path.add(p);
      }
    }
    ModuleLayer boot = ModuleLayer.boot();
    Configuration configuration =
        boot.configuration()
            .resolveAndBind(
                ModuleFinder.of(path.toArray(Path[]::new)), ModuleFinder.of(), Set.of(root));
    return boot.defineModulesWithManyLoaders(configuration, ClassLoader.getPlatformClassLoader());
  }

  /**
   * The class names of the providers of a service that {@link ServiceLoader} finds in a layer. The
   * providers are loaded but not made: a JDBC driver made here would register itself with this
   * JVM's {@code DriverManager}.
   *
   * @param layer a layer from {@link #layer}
   * @param service the service interface's class name, e.g. {@code dev.baton.spi.StoreProvider} or
   *     {@code java.sql.Driver}
   * @return the providers' class names, sorted
   * @throws ClassNotFoundException if no module of the layer or the boot layer holds the service
   * @throws java.util.ServiceConfigurationError if a provider's class cannot be loaded
   */
  public static Set<String> providers(ModuleLayer layer, String service)
      throws ClassNotFoundException {
    String pkg = service.substring(0, service.lastIndexOf('.'));
    Module owner =
        Stream.concat(layer.modules().stream(), ModuleLayer.boot().modules().stream())
            .filter(m -> m.getPackages().contains(pkg))
            .findFirst()
            .orElseThrow(() -> new ClassNotFoundException(service + " in no module of the layer"));
    Class<?> type = Class.forName(service, false, owner.getClassLoader());
    Set<String> names = new TreeSet<>();
    ServiceLoader.load(layer, type).stream().forEach(p -> names.add(p.type().getName()));
    return names;
  }
}
