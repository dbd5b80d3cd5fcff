// Checks the YAML header of every sheet against schemas/*.schema.json while typing, in VS Code
// (extension unifiedjs.vscode-remark) or on the command line: `npx remark content --quiet --frail --no-stdout`.
// The schemas are generated from generator/catalogue/fields.py; the build stays the reference.
import remarkFrontmatter from "remark-frontmatter";
import remarkLintFrontmatterSchema from "remark-lint-frontmatter-schema";

export default {
  plugins: [
    remarkFrontmatter,
    [
      remarkLintFrontmatterSchema,
      {
        schemas: {
          "./schemas/fiche-outil.schema.json": ["./content/tools/*.md"],
          "./schemas/fiche-programme.schema.json": ["./content/programmes/*.md"],
          "./schemas/fiche-methode.schema.json": ["./content/methodes/*.md"],
        },
      },
    ],
  ],
};
