// Types of runtime.js (plain JavaScript: it runs before tsx is registered).
export declare const stampPath: string;
export declare const compiledEntry: string;
export declare function sourceStamp(root: string): { files: number; newestMs: number };
export declare function compiledIsFresh(root: string): boolean;
export declare function pickRuntime(root: string, forced?: string): 'dist' | 'tsx';
