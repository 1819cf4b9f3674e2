/** Custom scalars: JSON (graphql-scalars' implementation), used for GeoJSON geometry. */
import { JSONResolver } from 'graphql-scalars';
import type { Resolvers } from '../generated/resolvers.js';

export const scalarResolvers: Resolvers = { JSON: JSONResolver };
