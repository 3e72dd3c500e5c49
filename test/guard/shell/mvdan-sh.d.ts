/** The parts of mvdan-sh (the shfmt parser compiled to JavaScript) the differential test uses. */
declare module 'mvdan-sh' {
  interface Position {
    Offset(): number;
  }
  interface Node {
    Pos(): Position;
    End(): Position;
  }
  interface WordPart extends Node {
    Value?: string;
    Dollar?: boolean;
    Parts?: WordPart[];
  }
  interface Word extends Node {
    Parts: WordPart[];
  }
  interface Assign extends Node {
    Name: { Value: string } | null;
    Value: Word | null;
  }
  interface CallExpr extends Node {
    Assigns: Assign[];
    Args: Word[];
  }
  interface Parser {
    Parse(source: string, name: string): Node;
  }
  const sh: {
    syntax: {
      NewParser(): Parser;
      NodeType(node: unknown): string;
      Walk(node: Node, visit: (node: Node | null) => boolean): void;
    };
  };
  export default sh;
}
