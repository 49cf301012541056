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

// Thrift compact protocol types used by the envelope.
const I32 = 5;
const I64 = 6;
const BINARY = 8;
const LIST = 9;
const STRUCT = 12;

type Writer = ReturnType<typeof fileWriter>;

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
      const start = new ByteWriter();
      const field = (delta: number, type: number) => start.appendUint8((delta << 4) | type);
      const list = (n: number, type: number) => {
        if (n > 14) {
          start.appendUint8((15 << 4) | type);
          start.appendVarInt(n);
        } else start.appendUint8((n << 4) | type);
      };
      field(1, I32);
      start.appendZigZag(2); // version
      field(1, LIST);
      list(schema.length, STRUCT);
      for (const e of schema) {
        serializeTCompactProtocol(start, {
          field_1: e.type && ParquetTypes.indexOf(e.type),
          field_2: e.type_length,
          field_3: e.repetition_type && FieldRepetitionTypes.indexOf(e.repetition_type),
          field_4: e.name,
          field_5: e.num_children,
          field_6: e.converted_type && ConvertedTypes.indexOf(e.converted_type),
        });
      }
      field(1, I64);
      start.appendZigZag(rows);
      field(1, LIST);
      list(groupCount, STRUCT);
      const head = new Uint8Array(start.getBuffer());
      const body = new Uint8Array(groups.getBuffer());
      const tail = new ByteWriter();
      // created_by is field 6 (no key-value metadata, field 5), then one TypeDefinedOrder per leaf column
      tail.appendUint8((2 << 4) | BINARY);
      const name = new TextEncoder().encode(createdBy);
      tail.appendVarInt(name.length);
      tail.appendBytes(name);
      tail.appendUint8((1 << 4) | LIST);
      const leaves = schema.filter((e) => e.type).length;
      if (leaves > 14) {
        tail.appendUint8((15 << 4) | STRUCT);
        tail.appendVarInt(leaves);
      } else tail.appendUint8((leaves << 4) | STRUCT);
      for (let i = 0; i < leaves; i++) serializeTCompactProtocol(tail, { field_1: {} });
      tail.appendUint8(0); // end of FileMetaData
      const end = new Uint8Array(tail.getBuffer());
      for (const b of [head, body, end]) out.appendBytes(b);
      out.appendUint32(head.length + body.length + end.length);
      out.appendUint32(0x31524150); // PAR1
    },
  };
}
