// Types for the generated importMap.js next to this file (Payload rewrites the .js, never this).
import type { ImportMap } from 'payload'

export declare const importMap: ImportMap
