/** Hardware events: change detection between generations, the message catalogue, and fan-out to consumers. */
export { MESSAGES, type CatalogueEntry, type EventKind, type HardwareEvent, type Severity, type ThresholdChange } from './event.js';
export { ChangeDetector, providerStatuses, severityOf, type Generation, type ProviderStatus } from './detect.js';
export { EventBus, RecentEvents, type ConsumerStats, type DeliveryCounts, type EventConsumer } from './bus.js';
