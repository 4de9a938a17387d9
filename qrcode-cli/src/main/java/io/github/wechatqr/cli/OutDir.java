package io.github.wechatqr.cli;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributeView;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The batch's {@code --out} directory, which may be shared with other users: opened once, and nothing in
 * it is ever opened through a symbolic link.
 *
 * <ul>
 *   <li>{@code --out} itself must be a real directory (not a link), not writable by every user unless it
 *       has the sticky bit, and owned by the user running the batch (or root): whoever owns a directory, or
 *       anyone when it is world-writable without the sticky bit, can rename or replace what is in it, and
 *       no way of opening files can prevent that. Otherwise {@link UnsafeOutput}.
 *   <li>On file systems that offer it (Linux), the directory is held open and every file is opened, created,
 *       renamed and deleted relative to that handle ({@link SecureDirectoryStream}), so swapping the
 *       directory's path for a link after the checks changes nothing. Elsewhere the same operations go by
 *       path, still with {@link LinkOption#NOFOLLOW_LINKS}.
 *   <li>Files are opened with {@code NOFOLLOW_LINKS}; new files are created with {@code CREATE_NEW}
 *       ({@code O_EXCL}), which never opens what someone planted under the name.
 *   <li>Images are written to a part file of an unpredictable name and renamed to their final name in one
 *       step. A final name that exists as a link (or as anything but a regular file) is refused, not
 *       replaced: {@link UnsafeOutput}. A link planted between that check and the rename is replaced by the
 *       image (a rename never follows a link), so its target stays untouched either way.
 * </ul>
 */
final class OutDir implements Closeable {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final LinkOption[] NOFOLLOW = {LinkOption.NOFOLLOW_LINKS};

  private final Path path;
  private final SecureDirectoryStream<Path> handle;

  private OutDir(Path path, SecureDirectoryStream<Path> handle) {
    this.path = path;
    this.handle = handle;
  }

  /**
   * Creates {@code --out} if need be, checks it and opens it.
   *
   * @throws UnsafeOutput if it is a link, not a directory, or not the user's own as described above
   */
  static OutDir open(Path out) throws IOException {
    Path absolute = out.toAbsolutePath();
    if (absolute.getParent() == null) {
      throw new UnsafeOutput("--out " + out + " is the root directory: give a directory of your own");
    }
    refuseLink(out, absolute);
    Files.createDirectories(absolute.getParent());
    try {
      Files.createDirectory(absolute);
    } catch (FileAlreadyExistsException exists) {
      // checked next, whatever it is
    }
    refuseLink(out, absolute);
    DirectoryStream<Path> opened;
    try {
      opened = Files.newDirectoryStream(absolute); // follows a link planted just now: the keys tell, below
    } catch (NotDirectoryException e) {
      throw new UnsafeOutput("--out " + out + " is not a directory");
    }
    try {
      Map<String, Object> entry = attributes(absolute);
      if (Boolean.TRUE.equals(entry.get("isSymbolicLink"))) {
        throw new UnsafeOutput("--out " + out + " is a symbolic link: give the directory it points to");
      }
      if (!Boolean.TRUE.equals(entry.get("isDirectory"))) {
        throw new UnsafeOutput("--out " + out + " is not a directory");
      }
      SecureDirectoryStream<Path> handle = null;
      if (opened instanceof SecureDirectoryStream<Path> secure) {
        BasicFileAttributes held = secure.getFileAttributeView(BasicFileAttributeView.class).readAttributes();
        if (!Objects.equals(held.fileKey(), entry.get("fileKey"))) {
          throw new UnsafeOutput("--out " + out + " changed while it was opened: is someone else writing there?");
        }
        handle = secure;
      }
      checkOwnership(out, entry);
      OutDir dir = new OutDir(out, handle);
      if (handle == null) {
        opened.close();
      }
      return dir;
    } catch (IOException | RuntimeException e) {
      opened.close();
      throw e;
    }
  }

  /** @return the directory as given, for messages */
  Path path() {
    return path;
  }

  /**
   * @return the entry's attributes ({@link PosixFileAttributes} where the file system has them), without
   *     following a link; empty if there is none
   */
  Optional<BasicFileAttributes> entry(String name) throws IOException {
    try {
      if (handle != null) {
        PosixFileAttributeView posix = handle.getFileAttributeView(Path.of(name), PosixFileAttributeView.class,
            NOFOLLOW);
        return Optional.of(posix != null ? posix.readAttributes() : handle.getFileAttributeView(Path.of(name),
            BasicFileAttributeView.class, NOFOLLOW).readAttributes());
      }
      try {
        return Optional.of(Files.readAttributes(path.resolve(name), PosixFileAttributes.class, NOFOLLOW));
      } catch (UnsupportedOperationException notPosix) {
        return Optional.of(Files.readAttributes(path.resolve(name), BasicFileAttributes.class, NOFOLLOW));
      }
    } catch (NoSuchFileException absent) {
      return Optional.empty();
    }
  }

  /**
   * @return whether the user running the batch owns the file these attributes describe; true where the
   *     file system or the platform cannot tell
   */
  static boolean ownedByMe(BasicFileAttributes attributes) {
    UserPrincipal me = Me.PRINCIPAL;
    return me == null || !(attributes instanceof PosixFileAttributes posix) || me.equals(posix.owner());
  }

  /** @return whether {@code name} is a regular file (a link to one is not) */
  boolean isRegularFile(String name) throws IOException {
    return entry(name).map(BasicFileAttributes::isRegularFile).orElse(false);
  }

  /** Opens an existing file, never through a link. */
  SeekableByteChannel open(String name, OpenOption... options) throws IOException {
    Set<OpenOption> all = new java.util.HashSet<>(Set.of(options));
    all.add(LinkOption.NOFOLLOW_LINKS);
    return handle != null ? handle.newByteChannel(Path.of(name), all)
        : Files.newByteChannel(path.resolve(name), all);
  }

  /** Creates a new file for writing: fails if anything, a link included, exists under the name. */
  SeekableByteChannel create(String name, OpenOption... more) throws IOException {
    Set<OpenOption> all = new java.util.HashSet<>(Set.of(more));
    all.addAll(Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS));
    return handle != null ? handle.newByteChannel(Path.of(name), all)
        : Files.newByteChannel(path.resolve(name), all);
  }

  /**
   * Writes {@code bytes} to {@code name} through a part file of an unpredictable name, renamed over
   * {@code name} in one step.
   *
   * @throws UnsafeOutput if {@code name} exists as a link or as anything but a regular file
   */
  void writeAtomically(String name, byte[] bytes) throws IOException {
    refuseNonRegular(name);
    String part = name + "." + HexFormat.of().formatHex(random()) + ".part";
    boolean moved = false;
    try {
      try (SeekableByteChannel channel = create(part)) {
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        while (buffer.hasRemaining()) {
          channel.write(buffer);
        }
      }
      refuseNonRegular(name);
      if (handle != null) {
        handle.move(Path.of(part), handle, Path.of(name));
      } else {
        Files.move(path.resolve(part), path.resolve(name), StandardCopyOption.ATOMIC_MOVE);
      }
      moved = true;
    } finally {
      if (!moved) {
        deleteQuietly(part);
      }
    }
  }

  @Override
  public void close() throws IOException {
    if (handle != null) {
      handle.close();
    }
  }

  private void refuseNonRegular(String name) throws IOException {
    Optional<BasicFileAttributes> existing = entry(name);
    if (existing.isPresent() && existing.get().isSymbolicLink()) {
      throw new UnsafeOutput(path.resolve(name) + " is a symbolic link: refused, not replaced (remove it)");
    }
    if (existing.isPresent() && !existing.get().isRegularFile()) {
      throw new UnsafeOutput(path.resolve(name) + " exists and is not a regular file: refused (remove it)");
    }
  }

  private void deleteQuietly(String name) {
    try {
      if (handle != null) {
        handle.deleteFile(Path.of(name));
      } else {
        Files.deleteIfExists(path.resolve(name));
      }
    } catch (IOException ignored) {
      // a part file left behind has an unpredictable name and is never read
    }
  }

  private static byte[] random() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static void refuseLink(Path out, Path absolute) throws UnsafeOutput {
    if (Files.isSymbolicLink(absolute)) {
      throw new UnsafeOutput("--out " + out + " is a symbolic link: give the directory it points to");
    }
  }

  private static Map<String, Object> attributes(Path dir) throws IOException {
    try {
      return Files.readAttributes(dir, "unix:*", NOFOLLOW);
    } catch (UnsupportedOperationException | IllegalArgumentException noUnixView) {
      return Files.readAttributes(dir, "basic:*", NOFOLLOW);
    }
  }

  private static void checkOwnership(Path out, Map<String, Object> entry) throws UnsafeOutput {
    if (!(entry.get("mode") instanceof Integer mode) || !(entry.get("uid") instanceof Integer uid)) {
      return; // no POSIX modes here (Windows): the link checks are all there is
    }
    if ((mode & 0002) != 0 && (mode & 01000) == 0) {
      throw new UnsafeOutput("--out " + out + " is writable by every user and has no sticky bit, so anyone could "
          + "replace what the batch writes: give a directory of your own (or chmod o-w, or +t)");
    }
    if (Me.UID >= 0 && uid != Me.UID && uid != 0) {
      throw new UnsafeOutput("--out " + out + " belongs to another user (uid " + uid + "), who could replace "
          + "what the batch writes: give a directory of your own");
    }
  }

  /** The user this process runs as, where the platform tells it: uid -1 and no principal otherwise. */
  private static final class Me {
    static final long UID = uid();
    static final UserPrincipal PRINCIPAL = principal();

    private static long uid() {
      try {
        return new com.sun.security.auth.module.UnixSystem().getUid();
      } catch (LinkageError | RuntimeException notUnix) {
        return -1;
      }
    }

    private static UserPrincipal principal() {
      try {
        // a numeric name is read as the uid when no user has that name
        return UID < 0 ? null
            : FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName(Long.toString(UID));
      } catch (IOException | UnsupportedOperationException e) {
        return null;
      }
    }
  }
}
