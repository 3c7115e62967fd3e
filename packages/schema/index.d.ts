/** Absolute path of the committed, sorted schema.graphql. */
export declare const schemaFilePath: string;
