// A child process for the read-only file test: opens a catalog as the user it
// runs as, tries one change, and prints what happened as JSON.
import { Catalog } from '../../src-core/catalog/catalog';

const catalog = Catalog.openFile(process.argv[2]!);
let change: string | null = null;
try {
  catalog.addUser('mallory');
} catch (error) {
  change = (error as Error).message;
}
process.stdout.write(
  JSON.stringify({
    readOnly: catalog.readOnly,
    grants: catalog.listGrants().map((g) => g.id),
    change,
  }),
);
catalog.close();
