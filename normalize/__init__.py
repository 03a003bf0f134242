"""Pure mapping of extracted tables onto the contract: table_code, measure, codes, yuan."""
