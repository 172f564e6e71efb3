package wolf.net.keys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {
  @TempDir Path dir;

  @Test
  void privateKeyIsWrittenOwnerOnlyAndReadBack() throws IOException {
    Path file = dir.resolve("private.key");
    PrivateKey key = PrivateKey.generate();
    KeyFiles.writePrivate(file, key);
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    assertEquals(key.base64() + "\n", Files.readString(file));
    assertEquals(key.publicKey(), KeyFiles.readPrivate(file).publicKey());
  }

  @Test
  void existingKeyIsNeverOverwritten() throws IOException {
    Path file = dir.resolve("private.key");
    PrivateKey first = PrivateKey.generate();
    KeyFiles.writePrivate(file, first);
    assertThrows(
        FileAlreadyExistsException.class, () -> KeyFiles.writePrivate(file, PrivateKey.generate()));
    assertEquals(first.publicKey(), KeyFiles.readPrivate(file).publicKey());
  }

  @Test
  void groupOrWorldAccessibleKeyIsRefusedWithTheFix() throws IOException {
    for (String mode : new String[] {"rw-r-----", "rw----r--", "rw-rw-rw-", "rw-----w-"}) {
      Path file = dir.resolve("key-" + mode.replace('-', '_'));
      KeyFiles.writePrivate(file, PrivateKey.generate());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString(mode));
      InsecureKeyFileException e =
          assertThrows(InsecureKeyFileException.class, () -> KeyFiles.readPrivate(file));
      assertTrue(e.getMessage().contains(file.toString()), e.getMessage());
      assertTrue(e.getMessage().contains("chmod 600 " + file), e.getMessage());
      assertEquals(file, e.file());
    }
  }

  @Test
  void modeIsShownInOctal() {
    assertEquals("0640", KeyFiles.mode(PosixFilePermissions.fromString("rw-r-----")));
    assertEquals("0600", KeyFiles.mode(PosixFilePermissions.fromString("rw-------")));
  }

  @Test
  void garbageInAKeyFileNamesTheFile() throws IOException {
    Path file = dir.resolve("bad.key");
    Files.createFile(
        file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
    Files.writeString(file, "hello\n");
    IOException e = assertThrows(IOException.class, () -> KeyFiles.readPrivate(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
  }

  @Test
  void publicKeyFilesRoundTrip() throws IOException {
    Path file = dir.resolve("public.key");
    PublicKey key = KeyPair.generate().publicKey();
    KeyFiles.writePublic(file, key);
    assertEquals(key, KeyFiles.readPublic(file));
  }
}
