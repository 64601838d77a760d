import { familyGoldenSuite } from '@netstat-ts/test-support';
import plugin from '../src/index.js';

familyGoldenSuite({ plugin, family: 'netrom', title: 'Active NET/ROM sockets', prefixes: ['netrom-'] });
