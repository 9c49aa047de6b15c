// A child process for the private JSON test: writes a 64 KiB value to the
// path in argv[2] and prints the error code, or "written". Run under a file
// size limit, its write fails midway (EFBIG), as on a full disk.
import { writePrivateJson } from '../../src-core/util/config-dir';

try {
  writePrivateJson(process.argv[2]!, { padding: 'x'.repeat(64 * 1024) });
  process.stdout.write('written');
} catch (error) {
  process.stdout.write(String((error as NodeJS.ErrnoException).code));
}
