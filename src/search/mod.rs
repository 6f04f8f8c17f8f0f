//! Search engine: query parsing, tiered matching, pinyin, snippets. No terminal code.
// STUB: being written by the search helper.
