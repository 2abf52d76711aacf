// The records screens of the staff app, spread into NAV_ROUTES (src/web/routes/index.tsx).
import type { AppRoute } from '../../routes/app-route.ts';
import { INCIDENT_PATH, IncidentPage } from './IncidentPage.tsx';
import { IncidentsListPage } from './IncidentsListPage.tsx';
import { INTERVENTION_PATH, InterventionPage, InterventionsListPage } from './Interventions.tsx';
import { PeopleListPage, PERSON_PATH, PersonPage } from './PeoplePages.tsx';

export const RECORDS_ROUTES: AppRoute[] = [
  {
    path: '/app/incidents',
    label: 'nav.incidents',
    permission: 'records.read',
    component: IncidentsListPage,
  },
  {
    path: '/app/incidents/new',
    hidden: true,
    label: 'incident.newTitle',
    permission: 'records.write',
    component: IncidentPage,
  },
  {
    path: '/app/incidents/:id',
    pattern: INCIDENT_PATH,
    hidden: true,
    label: 'nav.incidents',
    permission: 'records.read',
    component: IncidentPage,
  },
  {
    path: '/app/people',
    label: 'nav.people',
    permission: 'records.read',
    component: PeopleListPage,
  },
  {
    path: '/app/people/:id',
    pattern: PERSON_PATH,
    hidden: true,
    label: 'nav.people',
    permission: 'records.read',
    component: PersonPage,
  },
  {
    path: '/app/interventions',
    label: 'nav.interventions',
    permission: 'records.read',
    component: InterventionsListPage,
  },
  {
    path: '/app/interventions/:id',
    pattern: INTERVENTION_PATH,
    hidden: true,
    label: 'nav.interventions',
    permission: 'records.read',
    component: InterventionPage,
  },
];
