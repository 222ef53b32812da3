// Dashboards (F21, issue 12): each role's home dashboard, the big screen (大屏) and the grid work map.
import { z } from 'zod';

// schemas of the dashboard, screen and work-map parts
export const DashboardsPlaceholder = z.object({});
