import type { CleanText, DocumentDescription } from "../types.ts";

export interface DescribeReference {}

export function loadDescribeReference(_dir: string): DescribeReference {
  return {};
}

// Placeholder until metadata/region land.
export function describeDocument(_clean: CleanText, _fileName: string, _ref: DescribeReference): DocumentDescription {
  return {
    title: "", agency: "", published: "", reportYear: null, period: "",
    region: { code: "", name: "", province: "", city: "", county: "", level: "", evidence: "" },
  };
}
