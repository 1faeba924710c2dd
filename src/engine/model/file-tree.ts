import { utf8Length } from '../util/text';

// A filesystem layer as plain data: absolute paths (no trailing slash, never "/") to nodes.
// Image layers, a container's writable layer, a volume's content and the student's home
// directory are all FileTrees; the layered filesystem (engine/fs) stacks them.

export type FileNode =
  | {
      type: 'file';
      mode: number;
      /** Text content. Binaries carry a short stand-in and their real size in `size`. */
      content: string;
      /** Declared size in bytes when it differs from the content's length (binaries, packages). */
      size?: number;
      /** Milliseconds since the epoch; absent for files that came with an image. */
      mtime?: number;
      /** Content is base64 of bytes that are not valid UTF-8 (gzip output, say). */
      base64?: true;
    }
  /** `opaque`: overlay2's opaque directory, which hides everything lower layers had inside it. */
  | { type: 'dir'; mode: number; mtime?: number; opaque?: true }
  | { type: 'symlink'; target: string; mtime?: number }
  /** overlay2's whiteout: the path is deleted in this layer even though a lower layer has it. */
  | { type: 'whiteout' };

export type FileTree = Record<string, FileNode>;

export const DIR_MODE = 0o755;
export const FILE_MODE = 0o644;
export const EXEC_MODE = 0o755;

/** Bytes a node occupies in a layer, as `docker ps -s` and `docker history` count them. */
export function nodeSize(node: FileNode): number {
  if (node.type !== 'file') return 0;
  if (node.size !== undefined) return node.size;
  return node.base64 ? Math.floor((node.content.length * 3) / 4) - (node.content.endsWith('==') ? 2 : node.content.endsWith('=') ? 1 : 0) : utf8Length(node.content);
}

export function treeSize(tree: FileTree): number {
  let total = 0;
  for (const node of Object.values(tree)) total += nodeSize(node);
  return total;
}

/**
 * Bytes a tree really takes in storage: content plus a little per entry. Declared sizes (a
 * package's 20 MB of binaries) cost nothing to keep, so quotas count this, not treeSize.
 */
export function storedSize(tree: FileTree): number {
  let total = 0;
  for (const [path, node] of Object.entries(tree)) total += path.length + 32 + (node.type === 'file' ? node.content.length : 0);
  return total;
}
