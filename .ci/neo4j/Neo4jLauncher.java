import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.neo4j.configuration.GraphDatabaseSettings;
import org.neo4j.configuration.connectors.BoltConnector;
import org.neo4j.configuration.helpers.SocketAddress;
import org.neo4j.dbms.api.DatabaseManagementService;
import org.neo4j.dbms.api.DatabaseManagementServiceBuilder;
import org.neo4j.graphdb.GraphDatabaseService;

/**
 * Neo4j 5.26 Community, embedded, with Bolt: for tests and local development.
 *
 * Usage: java -cp CLASSPATH Neo4jLauncher.java HOME [COUNT]
 * Starts COUNT independent DBMSs (default 1) in this JVM, the i-th under HOME/i with Bolt on
 * NEO4J_HOST:(NEO4J_BOLT_PORT + i) (127.0.0.1:7687). Community has one user database per DBMS,
 * so parallel test workers each get a DBMS of their own. Auth is off unless NEO4J_PASSWORD is set
 * (then user neo4j has that password). Prints "ready" once every Bolt port accepts connections;
 * stops cleanly (checkpoint, then exit) on SIGTERM or SIGINT.
 */
public class Neo4jLauncher {
  public static void main(String[] args) throws Exception {
    Map<String, String> env = System.getenv();
    Path home = Path.of(args.length > 0 ? args[0] : System.getProperty("java.io.tmpdir") + "/neo4j-samverkan").toAbsolutePath();
    int count = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    String host = env.getOrDefault("NEO4J_HOST", "127.0.0.1");
    int basePort = Integer.parseInt(env.getOrDefault("NEO4J_BOLT_PORT", "7687"));
    String password = env.getOrDefault("NEO4J_PASSWORD", "");
    boolean auth = !password.isEmpty();
    String pageCache = env.getOrDefault("NEO4J_PAGECACHE", "256m");
    String txMax = env.getOrDefault("NEO4J_TX_MEMORY_MAX", "0");

    List<DatabaseManagementService> all = new ArrayList<>();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      for (DatabaseManagementService dbms : all) {
        try { dbms.shutdown(); } catch (RuntimeException e) { System.err.println("shutdown: " + e); }
      }
    }, "neo4j-shutdown"));

    for (int i = 0; i < count; i++) {
      int port = basePort + i;
      Path dir = count == 1 ? home : home.resolve(String.valueOf(i));
      Files.createDirectories(dir);
      // Settings without a typed constant in the embedded API go through a neo4j.conf of our own.
      Path conf = dir.resolve("neo4j.conf");
      Files.writeString(conf, String.join("\n",
          "server.memory.pagecache.size=" + pageCache,
          "db.memory.transaction.max=" + txMax,
          "db.logs.query.enabled=OFF",
          ""));
      DatabaseManagementService dbms = new DatabaseManagementServiceBuilder(dir)
          .loadPropertiesFromFile(conf)
          .setConfig(BoltConnector.enabled, true)
          .setConfig(BoltConnector.listen_address, new SocketAddress(host, port))
          .setConfig(GraphDatabaseSettings.auth_enabled, auth)
          .build();
      all.add(dbms);
      GraphDatabaseService db = dbms.database(GraphDatabaseSettings.DEFAULT_DATABASE_NAME);
      if (!db.isAvailable(120_000)) throw new IllegalStateException("database 'neo4j' did not become available");
      if (auth) {
        dbms.database(GraphDatabaseSettings.SYSTEM_DATABASE_NAME)
            .executeTransactionally("ALTER USER neo4j SET PASSWORD $pw CHANGE NOT REQUIRED", Map.of("pw", password));
      }
      long swedish = db.executeTransactionally(
          "CALL db.index.fulltext.listAvailableAnalyzers() YIELD analyzer WITH analyzer WHERE analyzer = 'swedish' RETURN count(*) AS n",
          Map.of(), r -> (Long) r.next().get("n"));
      if (swedish != 1) throw new IllegalStateException("the 'swedish' full-text analyzer is missing");
      waitForPort(host, port);
      System.out.println("bolt://" + host + ":" + port + (auth ? " user neo4j" : " auth disabled"));
    }
    System.out.println("ready");
    System.out.flush();
    Thread.currentThread().join();
  }

  private static void waitForPort(String host, int port) throws InterruptedException {
    for (int attempt = 0; attempt < 600; attempt++) {
      try (Socket s = new Socket()) {
        s.connect(new InetSocketAddress(host, port), 500);
        return;
      } catch (IOException e) {
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("Bolt did not open on " + host + ":" + port);
  }
}
