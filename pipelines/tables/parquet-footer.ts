// A Parquet file's footer (FileMetaData, Thrift compact protocol) built up as its row groups are appended, the way
// hyparquet-writer's writeMetadata writes it, byte for byte. Written all at once after the last chunk, a run's
// footer (hundreds of row groups of 23 columns) took the main thread ~0.1 s in code that runs once, unoptimised,
// while every worker had finished and a core sat idle; each row group is now serialised when it arrives.
import { CompressionCodecs, ConvertedTypes, Encodings, FieldRepetitionTypes, PageTypes, ParquetTypes } from "hyparquet/src/constants.js";
import type { RowGroup, SchemaElement } from "hyparquet";
import type { fileWriter } from "hyparquet-writer";
import { ByteWriter } from "hyparquet-writer/src/bytewriter.js";
import { serializeTCompactProtocol } from "hyparquet-writer/src/thrift.js";
import { unconvertStatistics } from "hyparquet-writer/src/unconvert.js";
import { I32, STRUCT } from "./parquet-part.ts";

// Thrift compact protocol types used by the envelope.
const I64 = 6;
const BINARY = 8;
const LIST = 9;

type Writer = ReturnType<typeof fileWriter>;

/** "PAR1", as a little-endian uint32: a Parquet file starts and ends with it. */
export const PARQUET_MAGIC = 0x31524150;

/** A compact-protocol list header: size and element type in one byte, or the size after it from 15 on. */
function listHeader(out: Writer, n: number, type: number): void {
  if (n > 14) {
    out.appendUint8((15 << 4) | type);
    out.appendVarInt(n);
  } else out.appendUint8((n << 4) | type);
}

export interface FooterBuilder {
  /** Serialise a row group now (its offsets already final). */
  addRowGroup(rowGroup: RowGroup): void;
  /** FileMetaData, its length and the closing magic. */
  write(out: Writer): void;
}

export function footerBuilder(schema: SchemaElement[], createdBy: string): FooterBuilder {
  const elementOf = new Map(schema.slice(1).map((e) => [e.name, e]));
  const groups = new ByteWriter();
  let groupCount = 0;
  let rows = 0n;
  return {
    addRowGroup(rg) {
      serializeTCompactProtocol(groups, {
        field_1: rg.columns.map((c) => {
          const md = c.meta_data!;
          return {
            field_1: c.file_path,
            field_2: c.file_offset,
            field_3: {
              field_1: ParquetTypes.indexOf(md.type),
              field_2: md.encodings.map((e) => Encodings.indexOf(e)),
              field_3: md.path_in_schema,
              field_4: CompressionCodecs.indexOf(md.codec),
              field_5: md.num_values,
              field_6: md.total_uncompressed_size,
              field_7: md.total_compressed_size,
              field_9: md.data_page_offset,
              field_10: md.index_page_offset,
              field_11: md.dictionary_page_offset,
              field_12: md.statistics && unconvertStatistics(md.statistics, elementOf.get(md.path_in_schema[0])!),
              field_13: md.encoding_stats?.map((es) => ({ field_1: PageTypes.indexOf(es.page_type), field_2: Encodings.indexOf(es.encoding), field_3: es.count })),
            },
          };
        }),
        field_2: rg.total_byte_size,
        field_3: rg.num_rows,
        field_5: rg.file_offset,
        field_6: rg.total_compressed_size,
      });
      groupCount++;
      rows += rg.num_rows;
    },
    write(out) {
      // FileMetaData straight into the file, around the row groups serialised so far; its length follows it.
      const start = out.offset;
      out.appendUint8((1 << 4) | I32); // 1: version
      out.appendZigZag(2);
      out.appendUint8((1 << 4) | LIST); // 2: schema
      listHeader(out, schema.length, STRUCT);
      for (const e of schema) {
        serializeTCompactProtocol(out, {
          field_1: e.type && ParquetTypes.indexOf(e.type),
          field_2: e.type_length,
          field_3: e.repetition_type && FieldRepetitionTypes.indexOf(e.repetition_type),
          field_4: e.name,
          field_5: e.num_children,
          field_6: e.converted_type && ConvertedTypes.indexOf(e.converted_type),
        });
      }
      out.appendUint8((1 << 4) | I64); // 3: num_rows
      out.appendZigZag(rows);
      out.appendUint8((1 << 4) | LIST); // 4: row_groups
      listHeader(out, groupCount, STRUCT);
      out.appendBytes(new Uint8Array(groups.getBuffer()));
      out.appendUint8((2 << 4) | BINARY); // 6: created_by (no key-value metadata, 5)
      const name = new TextEncoder().encode(createdBy);
      out.appendVarInt(name.length);
      out.appendBytes(name);
      out.appendUint8((1 << 4) | LIST); // 7: one TypeDefinedOrder per leaf column
      const leaves = schema.filter((e) => e.type).length;
      listHeader(out, leaves, STRUCT);
      for (let k = 0; k < leaves; k++) serializeTCompactProtocol(out, { field_1: {} });
      out.appendUint8(0); // end of FileMetaData
      out.appendUint32(out.offset - start);
      out.appendUint32(PARQUET_MAGIC);
    },
  };
}
