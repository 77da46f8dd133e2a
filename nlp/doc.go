// Package nlp reads residents' free text for the 311 gateway: it folds and
// tokenises English and Spanish, detects the language, matches the keywords
// and phrases of a service catalogue (with stemming and typo tolerance),
// flags emergencies, and finds the place a report is about.
//
// A Classifier is compiled once from a Lexicon and is then safe for
// concurrent use; every result carries an Explanation of the terms that
// matched, where, and what they scored (Brief leaves it out, for replays
// and evaluations). Suggest mines labelled requests for the keywords that
// would most improve each service, for a manager to review. Geocoders turn
// a found Location into coordinates, offline from an address-point file or
// through an HTTP geocoding service.
package nlp
