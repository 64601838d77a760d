import { familyGoldenSuite } from '@netstat-ts/core/testing';
import plugin from '../src/index.js';

familyGoldenSuite({ plugin, family: 'netrom', title: 'Active NET/ROM sockets', prefixes: ['netrom-'] });
