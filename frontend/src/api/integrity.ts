// Hardware integrity (docs/integrity.md): products and their baselines,
// observations during inspections, drift, component sources and
// suspect-part incidents. Types come from docs/openapi.yaml.
import { apiRequest } from './client';
import { queryString, type ListParams } from './resources';
import type { components } from './schema.gen';
import type { ListResponse, SignatureRequest } from './types';

type Schemas = components['schemas'];

export type Component = Schemas['Component'];
export type ObservationKind = Schemas['ObservationKind'];
export type Product = Schemas['Product'];
export type ProductRow = Schemas['ProductRow'];
export type ProductDetail = Schemas['ProductDetail'];
export type ProductCreate = Schemas['ProductCreate'];
export type ProductUpdate = Schemas['ProductUpdate'];
export type FirmwareRelease = Schemas['FirmwareRelease'];
export type FirmwareReleaseCreate = Schemas['FirmwareReleaseCreate'];
export type BOMRevision = Schemas['BOMRevision'];
export type BOMRevisionCreate = Schemas['BOMRevisionCreate'];
export type SiteProduct = Schemas['SiteProduct'];
export type SiteProductCreate = Schemas['SiteProductCreate'];
export type SiteProductUpdate = Schemas['SiteProductUpdate'];
export type IntegrityObservation = Schemas['IntegrityObservation'];
export type ObservationCreate = Schemas['ObservationCreate'];
export type SiteIntegrity = Schemas['SiteIntegrity'];
export type SiteProductIntegrity = Schemas['SiteProductIntegrity'];
export type InspectionIntegrity = Schemas['InspectionIntegrity'];
export type InspectionIntegrityProduct = InspectionIntegrity['products'][number];
export type DriftItem = Schemas['DriftItem'];
export type DriftRow = Schemas['DriftRow'];
export type DriftList = Omit<Schemas['DriftList'], 'items'> & { items: DriftRow[] };
export type ComponentSource = Schemas['ComponentSource'];
export type ComponentSourceCreate = Schemas['ComponentSourceCreate'];
export type ComponentSourceUpdate = Schemas['ComponentSourceUpdate'];
export type PartIncidentUpdate = Schemas['PartIncidentUpdate'];
export type PartIncident = Schemas['PartIncident'];
export type PartIncidentDetail = Schemas['PartIncidentDetail'];
export type PartIncidentCreate = Schemas['PartIncidentCreate'];
export type RecordedObservations = Schemas['RecordedObservations'];

const opts = (signal?: AbortSignal) => (signal ? { signal } : {});

export const productsApi = {
  list: (params?: ListParams, signal?: AbortSignal) => apiRequest<ListResponse<ProductRow>>('/products' + queryString(params), opts(signal)),
  get: (id: number, signal?: AbortSignal) => apiRequest<ProductDetail>(`/products/${id}`, opts(signal)),
  create: (body: ProductCreate) => apiRequest<Product>('/products', { method: 'POST', body }),
  update: (id: number, body: ProductUpdate) => apiRequest<Product>(`/products/${id}`, { method: 'PATCH', body }),
  addRelease: (id: number, body: FirmwareReleaseCreate) => apiRequest<FirmwareRelease>(`/products/${id}/firmware-releases`, { method: 'POST', body }),
  approveRelease: (releaseId: number, signature: SignatureRequest) =>
    apiRequest<FirmwareRelease>(`/firmware-releases/${releaseId}/approve`, { method: 'POST', body: { signature } }),
  addBOMRevision: (id: number, body: BOMRevisionCreate) => apiRequest<BOMRevision>(`/products/${id}/bom-revisions`, { method: 'POST', body }),
  remove: (id: number) => apiRequest<void>(`/products/${id}`, { method: 'DELETE' }),
  removeRelease: (releaseId: number) => apiRequest<void>(`/firmware-releases/${releaseId}`, { method: 'DELETE' }),
  removeBOMRevision: (revisionId: number) => apiRequest<void>(`/bom-revisions/${revisionId}`, { method: 'DELETE' }),
};

export const integrityApi = {
  site: (siteId: number, signal?: AbortSignal) => apiRequest<SiteIntegrity>(`/sites/${siteId}/integrity`, opts(signal)),
  addProduct: (siteId: number, body: SiteProductCreate) => apiRequest<SiteProduct>(`/sites/${siteId}/products`, { method: 'POST', body }),
  updateSiteProduct: (id: number, body: SiteProductUpdate) => apiRequest<SiteProduct>(`/site-products/${id}`, { method: 'PATCH', body }),
  removeSiteProduct: (id: number) => apiRequest<void>(`/site-products/${id}`, { method: 'DELETE' }),
  updateSource: (id: number, body: ComponentSourceUpdate) => apiRequest<ComponentSource>(`/component-sources/${id}`, { method: 'PATCH', body }),
  removeSource: (id: number) => apiRequest<void>(`/component-sources/${id}`, { method: 'DELETE' }),
  removeObservation: (id: number) => apiRequest<void>(`/integrity-observations/${id}`, { method: 'DELETE' }),
  addSource: (siteId: number, body: ComponentSourceCreate) =>
    apiRequest<ComponentSource>(`/sites/${siteId}/component-sources`, { method: 'POST', body }),
  acceptJustification: (id: number, version: number) =>
    apiRequest<ComponentSource>(`/component-sources/${id}/accept-justification`, { method: 'POST', body: { version } }),
  inspection: (inspectionId: number, signal?: AbortSignal) => apiRequest<InspectionIntegrity>(`/inspections/${inspectionId}/integrity`, opts(signal)),
  /** With an idempotency key, the same batch sent again (its answer lost) is recorded once and answered the same. */
  record: (inspectionId: number, productId: number, observations: ObservationCreate[], idempotencyKey?: string) =>
    apiRequest<RecordedObservations>(`/inspections/${inspectionId}/integrity-observations`, {
      method: 'POST',
      body: { product_id: productId, observations },
      ...(idempotencyKey ? { headers: { 'Idempotency-Key': idempotencyKey } } : {}),
    }),
  drift: (params?: ListParams, signal?: AbortSignal) => apiRequest<DriftList>('/integrity/drift' + queryString(params), opts(signal)),
};

export const incidentsApi = {
  list: (params?: ListParams, signal?: AbortSignal) => apiRequest<ListResponse<PartIncident>>('/part-incidents' + queryString(params), opts(signal)),
  get: (id: number, signal?: AbortSignal) => apiRequest<PartIncidentDetail>(`/part-incidents/${id}`, opts(signal)),
  create: (body: PartIncidentCreate) => apiRequest<PartIncident>('/part-incidents', { method: 'POST', body }),
  update: (id: number, body: PartIncidentUpdate) => apiRequest<PartIncident>(`/part-incidents/${id}`, { method: 'PATCH', body }),
  remove: (id: number) => apiRequest<void>(`/part-incidents/${id}`, { method: 'DELETE' }),
};

/** A value of a product as people name it ("BMC firmware", "Golden sample"). */
export function integrityValueLabel(kind: ObservationKind, component?: string): string {
  switch (kind) {
    case 'firmware':
      return `${component === 'other' ? 'Other' : (component ?? '').toUpperCase()} firmware`;
    case 'golden_sample':
      return 'Golden sample';
    case 'bom':
      return 'BOM revision';
    case 'avl':
      return 'AVL revision';
    default:
      return 'X-ray/AOI';
  }
}

const SHA256 = /^[0-9a-f]{64}$/;

/**
 * The hash in what an inspector pasted: a bare SHA-256 in any case or a
 * sha256sum line ("<hash>  file", "<hash> *file"); null when it is not one.
 * The server applies the same rule (qualification.NormalizeSHA256); this
 * one only gives the inspector an answer while typing.
 */
export function pastedSHA256(text: string): string | null {
  let s = text.trim();
  const bsd = /^sha2?-?256\s*\(.*\)\s*=\s*(\S+)$/i.exec(s);
  if (bsd) s = bsd[1]!;
  else s = s.split(/\s+/)[0] ?? '';
  s = s.replace(/^\\/, '').toLowerCase();
  return SHA256.test(s) ? s : null;
}
