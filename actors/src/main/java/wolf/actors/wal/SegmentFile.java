package wolf.actors.wal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.CRC32C;

/**
 * Segment file names and the segment header.
 *
 * <p>Names encode the first LSN and the state: the one segment being written is {@code
 * wal-<first>.open}; a closed segment is {@code wal-<first>-<last>.seg}; {@code wal-<first>.base}
 * is the empty segment a reset ({@link SegmentedLog#resetTo}) is installing, which replaces every
 * other segment once it is complete. LSNs are zero-padded to 20 digits so that names sort in LSN
 * order.
 *
 * <p>Every segment starts with a {@value #HEADER_SIZE}-byte header, big-endian:
 *
 * <pre>
 * offset size field
 *  0     8    magic     ASCII "WOLF-WAL"
 *  8     4    version   {@value #VERSION}
 * 12     4    reserved  0
 * 16     8    firstLsn  the LSN of the segment's first record (also in the name)
 * 24     8    prevTerm  the term of record firstLsn - 1 (0 when firstLsn is 1)
 * 32     4    crc32c    CRC32C of bytes 0..31
 * 36     4    reserved  0
 * </pre>
 *
 * Records ({@link RecordCodec}) follow from offset {@value #HEADER_SIZE}. Version 1 (a 32-byte
 * header without {@code prevTerm}) is not read: no log was ever kept in it outside development.
 * Stateless and thread-safe.
 */
final class SegmentFile {
  static final int HEADER_SIZE = 40;
  static final int VERSION = 2;
  private static final int CRC_AT = 32;
  private static final byte[] MAGIC = "WOLF-WAL".getBytes(StandardCharsets.US_ASCII);
  private static final Pattern NAME =
      Pattern.compile("wal-(\\d{20})(?:-(\\d{20})\\.seg|\\.(open)|\\.(base))");

  private SegmentFile() {}

  /** The state a segment file's name gives it. */
  enum State {
    OPEN,
    CLOSED,
    BASE
  }

  /** A parsed segment file name; {@code lastLsn} is meaningful only when closed. */
  record Name(long firstLsn, long lastLsn, State state) {
    boolean open() {
      return state == State.OPEN;
    }
  }

  static String openName(long firstLsn) {
    return String.format("wal-%020d.open", firstLsn);
  }

  static String baseName(long firstLsn) {
    return String.format("wal-%020d.base", firstLsn);
  }

  static String closedName(long firstLsn, long lastLsn) {
    return String.format("wal-%020d-%020d.seg", firstLsn, lastLsn);
  }

  /** The parsed name, or empty if {@code file} is not a segment. */
  static Optional<Name> parse(Path file) {
    Matcher m = NAME.matcher(file.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    long first = Long.parseLong(m.group(1));
    if (m.group(2) != null) {
      return Optional.of(new Name(first, Long.parseLong(m.group(2)), State.CLOSED));
    }
    return Optional.of(new Name(first, -1, m.group(3) != null ? State.OPEN : State.BASE));
  }

  static ByteBuffer header(long firstLsn, long prevTerm) {
    ByteBuffer b = ByteBuffer.allocate(HEADER_SIZE);
    b.put(MAGIC).putInt(VERSION).putInt(0).putLong(firstLsn).putLong(prevTerm);
    CRC32C crc = new CRC32C();
    crc.update(b.array(), 0, CRC_AT);
    b.putInt((int) crc.getValue()).putInt(0);
    return b.flip();
  }

  /**
   * Checks a header read from {@code file}.
   *
   * @return the header's {@code prevTerm}
   * @throws WalCorruptException naming the file at offset 0 if the header is not valid
   */
  static long checkHeader(ByteBuffer b, Path file, long expectedFirstLsn) {
    if (b.remaining() < HEADER_SIZE) {
      throw new WalCorruptException(file, 0, "segment header is incomplete");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (b.get(i) != MAGIC[i]) {
        throw new WalCorruptException(file, 0, "not a Wolf WAL segment (bad magic)");
      }
    }
    int version = b.getInt(8);
    if (version != VERSION) {
      throw new WalCorruptException(
          file, 0, "segment format version " + version + " (this build reads " + VERSION + ")");
    }
    CRC32C crc = new CRC32C();
    crc.update(b.array(), b.arrayOffset(), CRC_AT);
    if ((int) crc.getValue() != b.getInt(CRC_AT)) {
      throw new WalCorruptException(file, 0, "segment header CRC32C mismatch");
    }
    long first = b.getLong(16);
    if (first != expectedFirstLsn) {
      throw new WalCorruptException(
          file, 0, "header says first LSN " + first + " but the name says " + expectedFirstLsn);
    }
    return b.getLong(24);
  }
}
