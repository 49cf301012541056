// Arrays V8 keeps in one hidden class whatever they hold, empty or not.
// An empty literal ([]) starts out as an array of small integers and changes class when the first object, string or
// fraction is pushed; map() and new Array(n) start out with holes. Code that reads arrays made both ways, or empty
// and filled ones, is compiled for the class it met first and thrown away (and compiled again) when the other turns
// up: the pipeline's per-document results (no figures in one document, fifty in the next) did exactly that.

/** An empty array already in V8's generic form (elements of any kind, no holes). */
export function genericArray<T>(): T[] {
  const array = [null] as unknown as T[];
  array.pop();
  return array;
}
