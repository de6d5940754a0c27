package at.jobfair.db;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;

/**
 * What a crashed application leaves of its embedded PostgreSQL, cleared before the next start on the same data
 * directory. The embedded server runs as processes of its own: after kill -9 of the application it keeps running
 * (and holds {@code postmaster.pid}, so a new server there refuses to start); after kill -9 of both, the lock file names
 * a dead process, or by then another process's number.
 *
 * <p>Whether the directory still has a living owner is told by the lock the embedded-PostgreSQL library holds on
 * {@value #OWNER_LOCK} for as long as its application lives (the operating system drops it when the process dies,
 * however it dies). Only when nobody holds it are the directory's PostgreSQL processes orphans: they are asked to stop
 * (SIGTERM, a smart shutdown: their clients are gone), then killed if they have not within {@link #STOP_WAIT}, and a
 * lock file naming no server of this directory is removed. A directory with a living owner is left alone.
 */
final class CrashedOwner {

  private static final Logger LOG = Logger.getLogger(CrashedOwner.class.getName());
  /** The file the embedded-PostgreSQL library locks in the data directory while its application runs. */
  static final String OWNER_LOCK = "epg-lock";
  static final String PID_FILE = "postmaster.pid";
  static final Duration STOP_WAIT = Duration.ofSeconds(15);

  /** Clears what a crashed owner left in {@code dataDirectory}; answers how many orphaned processes were stopped. */
  static int clear(Path dataDirectory) {
    Path lockFile = dataDirectory.resolve(OWNER_LOCK);
    if (!Files.isDirectory(dataDirectory) || !Files.exists(lockFile)) return 0;
    try (RandomAccessFile f = new RandomAccessFile(lockFile.toFile(), "rw");
         FileLock owner = f.getChannel().tryLock()) {
      if (owner == null) return 0; // a living application owns the directory: its server is not ours to touch
      Path dir = dataDirectory.toRealPath();
      List<ProcessHandle> orphans = serversOf(dir);
      if (!orphans.isEmpty()) {
        LOG.warning("The embedded PostgreSQL of " + dir + " outlived its application (" + orphans.size()
            + " processes): stopping it before starting again");
        stop(orphans, dir);
      }
      removeStalePidFile(dir);
      return orphans.size();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return 0; // this very process owns it
    } catch (IOException e) {
      LOG.warning("Could not check " + dataDirectory + " for a crashed owner's PostgreSQL: " + e);
      return 0;
    }
  }

  /**
   * The processes working in the directory: PostgreSQL changes into its data directory, so its postmaster and every
   * backend have it as their working directory (Linux). Without {@code /proc}, the process the lock file names, if it
   * is a postgres.
   */
  static List<ProcessHandle> serversOf(Path dir) {
    if (Files.isDirectory(Path.of("/proc/self"))) {
      return ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
          .filter(p -> dir.equals(workingDirectory(p).orElse(null))).toList();
    }
    return pidFileProcess(dir).filter(p -> p.info().command().map(c -> c.contains("postgres")).orElse(false))
        .stream().toList();
  }

  private static void stop(List<ProcessHandle> processes, Path dir) {
    // The postmaster first (it stops its backends), by name from the lock file; then whatever is left.
    Optional<ProcessHandle> postmaster = pidFileProcess(dir).filter(processes::contains);
    postmaster.ifPresentOrElse(ProcessHandle::destroy, () -> processes.forEach(ProcessHandle::destroy));
    long deadline = System.nanoTime() + STOP_WAIT.toNanos();
    while (processes.stream().anyMatch(ProcessHandle::isAlive) && System.nanoTime() < deadline) pause();
    processes.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    while (processes.stream().anyMatch(ProcessHandle::isAlive)) pause();
  }

  /** A lock file whose process is gone, or is no server of this directory (its number taken by another process). */
  private static void removeStalePidFile(Path dir) throws IOException {
    Path pidFile = dir.resolve(PID_FILE);
    if (!Files.exists(pidFile)) return;
    Optional<ProcessHandle> named = pidFileProcess(dir);
    if (named.isEmpty() || !serversOf(dir).contains(named.get())) {
      Files.deleteIfExists(pidFile);
    }
  }

  private static Optional<ProcessHandle> pidFileProcess(Path dir) {
    try {
      List<String> lines = Files.readAllLines(dir.resolve(PID_FILE));
      return lines.isEmpty() ? Optional.empty() : ProcessHandle.of(Long.parseLong(lines.get(0).trim())).filter(ProcessHandle::isAlive);
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private static Optional<Path> workingDirectory(ProcessHandle p) {
    try {
      return Optional.of(Path.of("/proc", String.valueOf(p.pid()), "cwd").toRealPath());
    } catch (IOException | SecurityException e) {
      return Optional.empty(); // another user's process, or gone meanwhile
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private CrashedOwner() {
  }
}
