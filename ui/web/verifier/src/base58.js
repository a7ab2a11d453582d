// base58btc (the multibase 'z' alphabet), from Digital Bazaar's base58-universal
import { encode, decode } from 'base58-universal';

export const base58btc = { encode, decode };
