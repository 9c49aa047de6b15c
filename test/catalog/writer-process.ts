// A child process for the killed-write test: commits batches of grants, one
// transaction each, saying "begin N" before and "done N" after each, until killed.
import { Catalog } from '../../src-core/catalog/catalog';

const [path, size] = [process.argv[2]!, Number(process.argv[3])];
const catalog = Catalog.openFile(path);
// A tiny page cache makes SQLite spill changed pages into the file before the
// commit: the hard case, where only the journal can restore the last commit.
catalog.db.pragma('cache_size = 16');
const policy = {
  appLicense: null,
  allowHome: true,
  allowView: false,
  allowCommon: false,
  volume: null,
  allowStartupData: false,
};
for (let batch = 0; ; batch++) {
  process.stdout.write(`begin ${batch}\n`);
  catalog.importGrants(
    Array.from({ length: size }, (_, i) => ({
      user: `user-${batch}-${i}`,
      image: `app/batch-${batch}:1`,
      policy,
    })),
  );
  process.stdout.write(`done ${batch}\n`);
}
