import { familyGoldenSuite } from '@netstat-ts/test-support';
import plugin from '../src/index.js';

familyGoldenSuite({ plugin, family: 'ax25', title: 'Active AX.25 sockets', prefixes: ['ax25-'] });
