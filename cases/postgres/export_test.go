package postgres

// FindQuery exposes the list query to the plan tests.
var FindQuery = findQuery
