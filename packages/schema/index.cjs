// Where the committed schema lives; the API writes it and its test compares against it.
const path = require('node:path');

exports.schemaFilePath = path.join(__dirname, 'schema.graphql');
