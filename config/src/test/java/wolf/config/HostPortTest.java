package wolf.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class HostPortTest {
  @ParameterizedTest
  @CsvSource({
    "10.0.0.1:7654, 10.0.0.1, 7654",
    "DB.Example.org:3306, db.example.org, 3306",
    "[fd00::1]:7654, fd00::1, 7654",
    "[::]:1, ::, 1",
    "localhost:65535, localhost, 65535"
  })
  void parsesAndPrintsBack(String text, String host, int port) {
    HostPort parsed = HostPort.parse(text);
    assertEquals(new HostPort(host, port), parsed);
    assertEquals(parsed, HostPort.parse(parsed.toString()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "10.0.0.1       | missing port",
        ":7654          | empty host",
        "10.0.0.1:0     | port must be between 1 and 65535, got 0",
        "10.0.0.1:70000 | port must be between 1 and 65535, got 70000",
        "10.0.0.1:http  | port is not a number: 'http'",
        "fd00::1:7654   | IPv6 addresses need brackets",
        "[fd00::1]      | missing port after ']'",
        "[fd00::zz]:1   | invalid IPv6 address",
        "300.0.0.1:1    | invalid IPv4 address",
        "my host:1      | invalid host name"
      })
  void rejectsWithAReason(String text, String reason) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> HostPort.parse(text));
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"127.0.0.1:1", "127.1.2.3:1", "localhost:1", "node.localhost:1", "[::1]:1"})
  void loopback(String text) {
    assertTrue(HostPort.parse(text).isLoopback());
    assertFalse(HostPort.parse(text).isWildcard());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0.0.0.0:1", "[::]:1"})
  void wildcard(String text) {
    assertTrue(HostPort.parse(text).isWildcard());
    assertFalse(HostPort.parse(text).isLoopback());
  }

  @Test
  void namesAreNotResolved() {
    HostPort remote = HostPort.parse("db.invalid:3306");
    assertFalse(remote.isLoopback());
    assertFalse(remote.isWildcard());
  }
}
