/**
 * Reading the graph out of Neo4j for the read model: the same exports as graph/readmodel/export.ts
 * (`EXPORTS`), as plain queries whose rows the driver streams. Neo4j's read transaction is not a
 * snapshot: writes committed during the load are re-read after it (graph/readmodel/sync.ts).
 *
 * cypher-generation: model-derived (the exports' match patterns and columns, never input)
 */
import type { Statement } from '../cypher/statement.js';
import type { Tx } from '../engines/port.js';
import { eachExport, exportStatement, type ExportSpec, type Exporter, type Row } from './export.js';

export class Neo4jExporter implements Exporter {
  private readonly statements = new Map<string, Statement<Record<string, never>, { row: Row }>>();
  timings: Exporter['timings'] = [];

  async export(tx: Tx, specs: readonly ExportSpec[], shouldStop: () => boolean = () => false): Promise<Map<string, Row[]>> {
    return eachExport(specs, shouldStop, async (spec) => {
      const t0 = performance.now();
      const rows = (await tx.run(this.statement(spec), {})).map((r) => r.row);
      this.timings.push({ name: spec.name, rows: rows.length, copyMs: Math.round(performance.now() - t0), parseMs: 0, megabytes: 0 });
      return rows;
    });
  }

  private statement(spec: ExportSpec): Statement<Record<string, never>, { row: Row }> {
    return exportStatement(this.statements, spec, `readModel.neo4j.${spec.name}`, () => {
      // Lists are indexed from 0 in Neo4j and from 1 in LadybugDB: the aliases export says which element.
      const columns = spec.name === 'aliases' ? ['o.id', 'i', 'o.aliases[i - 1]'] : spec.columns.map((c) => c.expr);
      return `${spec.match} RETURN [${columns.join(', ')}] AS row`;
    });
  }

  close(): void {}
}
