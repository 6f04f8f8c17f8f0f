//! The agency directory (assets/agencies.json): full names, English names,
//! abbreviations and name variants of the agencies named in clauses.
// STUB: being written by the agencies helper.
